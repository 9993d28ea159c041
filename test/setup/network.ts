import nock from 'nock';

// No test may reach the internet: only loopback (the embedded MongoDB, Redis, our own HTTP
// servers) is allowed. Slack, Teams and Microsoft login are answered by nock in the tests.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));
