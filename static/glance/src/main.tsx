import { mount } from '../../shared/mount';
import { GlanceApp } from './glance-app';
import './glance.css';

mount(<GlanceApp />);
