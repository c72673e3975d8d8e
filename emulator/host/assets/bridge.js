// The local site's Custom UI bridge. Loaded before the app's bundle inside each resource's iframe, it
// defines globalThis.__bridge as the Forge host does, so the unmodified @forge/bridge and @forge/jira-bridge work.
// Requests go to the site (same origin, the viewing user's cookie); UI effects go to the parent page by postMessage.
(function () {
  'use strict';
  var contextElement = document.getElementById('forge-host-context');
  var context = JSON.parse(contextElement ? contextElement.textContent : '{}');
  var host = context.__host || {};
  delete context.__host;
  var configureCallback;
  var pending = {};
  var nextRequest = 1;

  function toParent(type, data) {
    window.parent.postMessage({ source: 'forge-host', type: type, data: data }, window.location.origin);
  }

  // Commands the parent page answers (flags, navigation, closing a dialog): resolved by its reply.
  function askParent(type, data) {
    var id = nextRequest++;
    return new Promise(function (resolve) {
      pending[id] = resolve;
      window.parent.postMessage({ source: 'forge-host', type: type, data: data, requestId: id }, window.location.origin);
    });
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== window.location.origin) return;
    var message = event.data || {};
    if (message.source !== 'forge-host-parent') return;
    if (message.type === 'reply' && pending[message.requestId]) {
      pending[message.requestId](message.data);
      delete pending[message.requestId];
    }
    if (message.type === 'configure') configure(message.requestId);
  });

  // The workflow page's Save: ask the app's onConfigure callback for the configuration (a JSON string).
  function configure(requestId) {
    if (!configureCallback) {
      toParent('configured', { requestId: requestId, error: 'The app did not register a configuration callback (workflowRules.onConfigure).' });
      return;
    }
    Promise.resolve()
      .then(function () { return configureCallback(); })
      .then(function (configuration) {
        toParent('configured', { requestId: requestId, configuration: configuration === undefined ? null : configuration });
      })
      .catch(function (error) {
        toParent('configured', { requestId: requestId, error: String((error && error.message) || error) });
      });
  }

  async function invoke(payload) {
    var response = await fetch('/__bridge/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: context.moduleKey, functionKey: payload.functionKey, payload: payload.payload, context: host.target }),
    });
    var body = await response.json();
    if (!response.ok) throw new Error(body.error || 'The resolver call failed with HTTP ' + response.status);
    return body.result;
  }

  async function fetchProduct(payload) {
    if (payload.product !== 'jira') throw new Error('The local site serves only Jira; requested ' + payload.product);
    if (!/^\/rest\//.test(payload.restPath)) throw new Error('fetchProduct needs a REST path, got ' + payload.restPath);
    var init = payload.fetchRequestInit || {};
    var response = await fetch(payload.restPath, {
      method: init.method || 'GET',
      headers: init.headers || [],
      body: init.body === null ? undefined : init.body,
      credentials: 'same-origin',
    });
    var headers = {};
    response.headers.forEach(function (value, key) { headers[key] = value; });
    return { body: await response.text(), headers: headers, status: response.status, statusText: response.statusText };
  }

  // Forge navigation targets the local site has pages for; a plain URL works too.
  function urlOf(location) {
    if (location.url) return new URL(location.url, window.location.origin).href;
    if (location.target === 'issue' && location.issueKey) return window.location.origin + '/browse/' + encodeURIComponent(location.issueKey);
    if (location.target === 'projectSettingsDetails' && location.projectKey) {
      return window.location.origin + '/projects/' + encodeURIComponent(location.projectKey) + '/settings';
    }
    throw new Error('The local site cannot navigate to ' + JSON.stringify(location));
  }

  function enableTheming() {
    var root = document.documentElement;
    root.setAttribute('data-color-mode', (context.theme && context.theme.colorMode) || 'light');
    root.setAttribute('data-theme', 'light:light dark:dark spacing:spacing typography:typography shape:shape');
  }

  // The document's scrollHeight never drops below the frame's own height, so a frame could only grow: measure the
  // body and its margins instead, which follows content that folds away.
  function reportHeight() {
    var body = document.body;
    if (!body) return;
    var style = window.getComputedStyle(body);
    var height = body.scrollHeight + parseFloat(style.marginTop || '0') + parseFloat(style.marginBottom || '0');
    toParent('resize', { height: Math.ceil(height) });
  }

  var commands = {
    invoke: invoke,
    getContext: function () { return JSON.parse(JSON.stringify(context)); },
    fetchProduct: fetchProduct,
    enableTheming: enableTheming,
    showFlag: function (payload) { toParent('showFlag', payload); return true; },
    closeFlag: function (payload) { toParent('closeFlag', payload); return true; },
    refresh: function () { return askParent('refresh', {}); },
    refreshIssueView: function () { return askParent('refresh', {}); },
    reload: function () { return askParent('refresh', {}); },
    navigate: function (payload) { return askParent('navigate', { url: urlOf(payload), type: payload.type }); },
    getUrl: urlOf,
    submit: function (payload) { return askParent('submit', payload); },
    close: function (payload) { return askParent('close', payload); },
    changeWindowTitle: function () { return true; },
    emitReadyEvent: function () { return true; },
    emit: function () { return true; },
    on: function () { return { unsubscribe: function () {} }; },
    setWorkflowRuleConfigurationCallback: function (payload) {
      if (!payload || !payload.data || typeof payload.data.onConfigure !== 'function') return false;
      configureCallback = payload.data.onConfigure;
      toParent('configurable', {});
      return true;
    },
  };

  globalThis.__bridge = {
    callBridge: async function (command, payload) {
      var handler = commands[command];
      if (!handler) throw new Error('The local site does not support the bridge command "' + command + '"');
      return handler(payload);
    },
  };

  if (typeof ResizeObserver === 'function') {
    window.addEventListener('DOMContentLoaded', function () {
      new ResizeObserver(reportHeight).observe(document.documentElement);
    });
  }
})();
