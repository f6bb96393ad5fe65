import { inboundSmsBody, statusBody } from '../../routes/twilioWebhooks';
import type { MediaDoc, RouteDoc } from '../routeDoc';

const FORM = 'application/x-www-form-urlencoded';
const form = (schema: MediaDoc['schema'], example: unknown) => ({ [FORM]: { schema, example } });

const TWILIO_ERRORS = { 503: 'no webhook token is configured (TWILIO_AUTH_TOKEN, or SMS_WEBHOOK_SECRET locally)' };

export const twilioWebhookDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/webhooks/twilio/sms',
    operationId: 'twilioInboundSms',
    tag: 'twilio',
    summary: "Twilio's inbound SMS webhook; answers TwiML",
    description:
      'A tenant reporting a problem, answering a visit (YES / NO / another time) or a survey, a vendor quoting, STOP/HELP. ' +
      "Stored once per MessageSid: a retried delivery gets the same answer and changes nothing. Twilio's other fields are ignored.",
    auth: 'twilio',
    body: {
      required: true,
      content: form(inboundSmsBody, {
        MessageSid: 'SM0123456789abcdef0123456789abcdef',
        From: '+15551230001',
        To: '+15559870000',
        Body: 'My sink is leaking',
      }),
    },
    responses: {
      200: {
        description: 'TwiML with the reply to text back (empty when there is none)',
        content: {
          'text/xml': {
            schema: { type: 'string' },
            example:
              '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Work order 1032 received.</Message></Response>',
          },
        },
      },
    },
    errors: TWILIO_ERRORS,
  },
  {
    method: 'post',
    path: '/webhooks/twilio/status',
    operationId: 'twilioDeliveryStatus',
    tag: 'twilio',
    summary: "Twilio's delivery receipts for outbound texts",
    description:
      "A failed delivery of a work order's text is logged once and signalled to its workflow (which may send again or tell a coordinator).",
    auth: 'twilio',
    body: {
      required: true,
      content: form(statusBody, { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered' }),
    },
    responses: { 204: { description: 'recorded' } },
    errors: TWILIO_ERRORS,
  },
];
