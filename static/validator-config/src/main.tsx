import { mount } from '../../shared/mount';
import { ValidatorApp } from './validator-app';

mount(<ValidatorApp />);
