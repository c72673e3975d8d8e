import { mount } from '../../shared/mount';
import { PanelApp } from './panel-app';
import './panel.css';

mount(<PanelApp />);
