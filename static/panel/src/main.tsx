import { mount } from '../../shared/mount';
import { call } from './panel-call';
import { PanelApp } from './panel-app';
import './panel.css';

// The gate is asked for first, so the request is on its way while the panel renders its loading state.
mount(<PanelApp firstGate={call('getGate')} />);
