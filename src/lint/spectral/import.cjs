// A real `import()` for custom Spectral functions. It lives outside the command bundle: the bundle runs
// from V8's code cache as a script, where `import()` has no loader to call.
module.exports = (url) => import(url);
