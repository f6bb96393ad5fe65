import path from 'node:path';
import { parseConfig } from '../../runtime/config';

test('defaults give a local setup with the SMS outbox', () => {
  const config = parseConfig({});
  expect(config).toMatchObject({
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/workorders',
    temporalAddress: '127.0.0.1:7233',
    taskQueue: 'work-orders',
    port: 3000,
  });
  expect(config.sms.twilioAccountSid).toBeUndefined();
  expect(config.sms.webhookAuthToken).toBeUndefined();
});

test('an empty variable counts as unset', () => {
  const config = parseConfig({ TWILIO_ACCOUNT_SID: '', PORT: '', SMS_WEBHOOK_SECRET: 'local-secret-0000000' });
  expect(config.sms.twilioAccountSid).toBeUndefined();
  expect(config.port).toBe(3000);
  expect(config.sms.webhookAuthToken).toBe('local-secret-0000000');
});

test('Twilio settings: its auth token signs the webhooks, its number sends', () => {
  const config = parseConfig({
    TWILIO_ACCOUNT_SID: 'AC123',
    TWILIO_AUTH_TOKEN: 'token',
    TWILIO_FROM_NUMBER: '+15550001111',
    SMS_WEBHOOK_SECRET: 'ignored-secret-000000',
  });
  expect(config.sms).toMatchObject({
    twilioAccountSid: 'AC123',
    webhookAuthToken: 'token',
    senderNumber: '+15550001111',
  });
});

test('a bad value stops the process at start, naming the variable', () => {
  expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => parseConfig({ API_ADMIN_KEY: 'short' })).toThrow(/API_ADMIN_KEY/);
  expect(() => parseConfig({ TWILIO_FROM_NUMBER: '555-1234' })).toThrow(/TWILIO_FROM_NUMBER/);
  expect(() => parseConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
});

test('the photo folder is absolute: .data/photos in the project by default, relative paths from the project root', () => {
  const root = path.resolve(__dirname, '..', '..');
  expect(parseConfig({}).photoStorageDir).toBe(path.join(root, '.data', 'photos'));
  expect(parseConfig({ PHOTO_STORAGE_DIR: 'var/photos' }).photoStorageDir).toBe(path.join(root, 'var', 'photos'));
  expect(parseConfig({ PHOTO_STORAGE_DIR: '/srv/photos/' }).photoStorageDir).toBe('/srv/photos');
});

test('logs at info and serves the worker metrics on 9464 and 9465 by default; a bad level or port stops the process', () => {
  expect(parseConfig({})).toMatchObject({ logLevel: 'info', workerMetrics: { port: 9464, temporalPort: 9465 } });
  expect(
    parseConfig({ LOG_LEVEL: 'debug', WORKER_METRICS_PORT: '19464', TEMPORAL_METRICS_PORT: '19465' }),
  ).toMatchObject({ logLevel: 'debug', workerMetrics: { port: 19464, temporalPort: 19465 } });
  expect(() => parseConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  expect(() => parseConfig({ WORKER_METRICS_PORT: '0' })).toThrow(/WORKER_METRICS_PORT/);
});

test('the worker caches 500 workflows unless MAX_CACHED_WORKFLOWS says otherwise; 0 turns the cache off, 1 is refused', () => {
  expect(parseConfig({}).maxCachedWorkflows).toBe(500);
  expect(parseConfig({ MAX_CACHED_WORKFLOWS: '2000' }).maxCachedWorkflows).toBe(2000);
  expect(parseConfig({ MAX_CACHED_WORKFLOWS: '0' }).maxCachedWorkflows).toBe(0);
  expect(() => parseConfig({ MAX_CACHED_WORKFLOWS: '1' })).toThrow(/MAX_CACHED_WORKFLOWS/);
  expect(() => parseConfig({ MAX_CACHED_WORKFLOWS: '-5' })).toThrow(/MAX_CACHED_WORKFLOWS/);
  expect(() => parseConfig({ MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/MAX_CACHED_WORKFLOWS/);
});
