// nock intercepts every http.ClientRequest of the process from the moment it is loaded, and on a
// 2-core machine jest runs all test files one after another in one process. A file that loaded
// nock would leave its interceptor under every later file's requests, nested once per such file;
// a passthrough socket's error (a connection reset while a test's server closes) then escaped
// the request's own error handler and failed whichever test was running. Each file takes its
// interceptor away when it ends.
afterAll(() => {
	require('nock').restore();
});
