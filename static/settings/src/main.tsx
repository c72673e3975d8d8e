import { mount } from '../../shared/mount';
import { SettingsApp } from './settings-app';
import './settings.css';

mount(<SettingsApp />);
