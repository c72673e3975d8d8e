import { mount } from '../../shared/mount';
import { ReviewsApp } from './reviews-app';
import './reviews.css';

mount(<ReviewsApp />);
