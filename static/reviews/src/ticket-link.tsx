// The link lives in static/shared (the dashboard gadget shows tickets too).
export { TicketLink } from '../../shared/ticket-link';
