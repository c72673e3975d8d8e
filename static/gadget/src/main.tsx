import { mount } from '../../shared/mount';
import { GadgetApp } from './gadget-app';
import './gadget.css';

mount(<GadgetApp />);
