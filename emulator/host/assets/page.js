// The Jira-like pages' behaviour: transition buttons, the app's iframes (flags, resize, navigation),
// and the workflow validator configuration dialog. Plain DOM, no framework, no inline handlers (CSP).
(function () {
  'use strict';
  var origin = window.location.origin;
  var configureWaiters = {};
  var nextRequest = 1;

  function frameOf(source) {
    var frames = document.querySelectorAll('iframe.forge-frame');
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return undefined;
  }

  function reply(frame, requestId, data) {
    if (requestId) frame.contentWindow.postMessage({ source: 'forge-host-parent', type: 'reply', requestId: requestId, data: data }, origin);
  }

  function showFlag(flag) {
    var region = document.getElementById('flags');
    if (!region || !flag) return;
    var item = document.createElement('div');
    item.className = 'flag flag-' + (['success', 'warning', 'error', 'info'].indexOf(flag.type) >= 0 ? flag.type : 'info');
    item.setAttribute('role', flag.type === 'error' || flag.type === 'warning' ? 'alert' : 'status');
    item.dataset.flagId = String(flag.id);
    var title = document.createElement('strong');
    title.textContent = flag.title || '';
    item.appendChild(title);
    if (flag.description) {
      var description = document.createElement('p');
      description.textContent = flag.description;
      item.appendChild(description);
    }
    var dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'flag-dismiss';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', function () { item.remove(); });
    item.appendChild(dismiss);
    region.appendChild(item);
    if (flag.isAutoDismiss !== false) setTimeout(function () { item.remove(); }, 8000);
  }

  function closeFlag(id) {
    var items = document.querySelectorAll('#flags .flag');
    for (var i = 0; i < items.length; i++) if (items[i].dataset.flagId === String(id)) items[i].remove();
  }

  function navigate(location) {
    var url = new URL(location.url, origin);
    if (url.origin !== origin) throw new Error('Navigation leaves the site: ' + url.href);
    if (location.type === 'new-tab') window.open(url.href, '_blank', 'noopener');
    else window.location.assign(url.href);
    return true;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var message = event.data || {};
    if (message.source !== 'forge-host') return;
    var frame = frameOf(event.source);
    if (!frame) return;
    var data = message.data || {};
    switch (message.type) {
      case 'resize':
        frame.style.height = Math.max(80, Math.min(data.height || 0, 4000)) + 'px';
        break;
      case 'showFlag':
        showFlag(data);
        break;
      case 'closeFlag':
        closeFlag(data.id);
        break;
      case 'refresh':
        reply(frame, message.requestId, true);
        window.location.reload();
        break;
      case 'navigate':
        try {
          reply(frame, message.requestId, navigate(data));
        } catch (e) {
          reply(frame, message.requestId, false);
        }
        break;
      case 'submit':
      case 'close': {
        var dialog = frame.closest('dialog');
        if (dialog) dialog.close();
        reply(frame, message.requestId, Boolean(dialog));
        break;
      }
      case 'configurable':
        frame.dataset.configurable = 'true';
        break;
      case 'configured': {
        var waiter = configureWaiters[data.requestId];
        delete configureWaiters[data.requestId];
        if (waiter) waiter(data);
        break;
      }
    }
  });

  function showError(element, text) {
    if (!element) return;
    element.textContent = text;
    element.hidden = !text;
  }

  async function errorText(response) {
    try {
      var body = await response.json();
      var messages = (body.errorMessages || []).concat(Object.values(body.errors || {}));
      if (body.error) messages.push(body.error);
      return messages.join(' ') || 'HTTP ' + response.status;
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  document.querySelectorAll('button[data-issue-key][data-transition-id]').forEach(function (button) {
    button.addEventListener('click', async function () {
      var error = document.getElementById('transition-error');
      showError(error, '');
      button.disabled = true;
      try {
        var response = await fetch('/rest/api/3/issue/' + encodeURIComponent(button.dataset.issueKey) + '/transitions', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-atlassian-token': 'no-check' },
          body: JSON.stringify({ transition: { id: button.dataset.transitionId } }),
        });
        if (response.status === 204) {
          window.location.reload();
          return;
        }
        showError(error, button.dataset.transitionName + ' was refused: ' + (await errorText(response)));
      } catch (e) {
        showError(error, 'The site did not answer: ' + e.message);
      } finally {
        button.disabled = false;
      }
    });
  });

  // The workflow page: add, edit or remove a workflow validator.
  var dialog = document.getElementById('validator-dialog');
  var current;

  function saveValidator(body) {
    return fetch('/__host/workflow/validators', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  document.querySelectorAll('button[data-configure-src]').forEach(function (button) {
    button.addEventListener('click', function () {
      if (!dialog) return;
      current = button.dataset;
      dialog.querySelector('h2').textContent = button.dataset.dialogTitle || 'Configure validator';
      showError(dialog.querySelector('.dialog-error'), '');
      var frame = dialog.querySelector('iframe');
      delete frame.dataset.configurable;
      frame.src = button.dataset.configureSrc;
      dialog.showModal();
    });
  });

  if (dialog) {
    dialog.querySelector('button[data-dialog-cancel]').addEventListener('click', function () {
      dialog.close();
    });
    dialog.querySelector('button[data-dialog-save]').addEventListener('click', function () {
      var frame = dialog.querySelector('iframe');
      var error = dialog.querySelector('.dialog-error');
      if (frame.dataset.configurable !== 'true') {
        showError(error, 'The configuration page has not registered its save callback yet.');
        return;
      }
      var requestId = nextRequest++;
      configureWaiters[requestId] = async function (answer) {
        if (answer.error) return showError(error, 'The app could not produce a configuration: ' + answer.error);
        if (answer.configuration === null) return showError(error, 'The app refused to save this configuration; check the form.');
        var response = await saveValidator({
          projectKey: current.projectKey,
          transitionId: current.transitionId,
          moduleKey: current.moduleKey,
          index: current.index === undefined ? undefined : Number(current.index),
          configuration: answer.configuration,
        });
        if (response.status === 204) window.location.reload();
        else showError(error, await errorText(response));
      };
      frame.contentWindow.postMessage({ source: 'forge-host-parent', type: 'configure', requestId: requestId }, origin);
    });
  }

  document.querySelectorAll('button[data-remove-index]').forEach(function (button) {
    button.addEventListener('click', async function () {
      var response = await saveValidator({
        projectKey: button.dataset.projectKey,
        transitionId: button.dataset.transitionId,
        index: Number(button.dataset.removeIndex),
        configuration: null,
      });
      if (response.status === 204) window.location.reload();
      else showError(document.getElementById('workflow-error'), await errorText(response));
    });
  });
})();
