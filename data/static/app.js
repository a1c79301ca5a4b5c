/* meldkamer web UI: progressive enhancement only. Every page works
 * without this script (forms post and redirect); with it, the clocks
 * count down live and forms marked data-enhance are sent with fetch and
 * the page content is swapped in without a full reload. */
'use strict';

(function () {
  function pad(n) { return n < 10 ? '0' + n : String(n); }

  /* The same format as the server's mk_duration_format. */
  function duration(seconds) {
    var sign = seconds < 0 ? '-' : '';
    var s = Math.abs(seconds);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
    var m = Math.floor(s % 3600 / 60), sec = s % 60;
    if (d > 0) return sign + d + 'd ' + pad(h) + ':' + pad(m) + ':' + pad(sec);
    if (h > 0) return sign + h + 'h ' + pad(m) + 'm';
    return sign + m + 'm ' + pad(sec) + 's';
  }

  function tick() {
    var now = Math.floor(Date.now() / 1000);
    var clocks = document.querySelectorAll('.countdown[data-due]');
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var due = Math.floor(Date.parse(el.getAttribute('data-due')) / 1000);
      if (isNaN(due)) continue;
      var left = due - now;
      el.textContent = duration(left);
      var row = el.closest('tr');
      if (left < 0 && row && !row.classList.contains('overdue')) {
        /* Overdue is said in words, never by colour alone. */
        row.classList.add('overdue');
        var state = row.querySelector('.state');
        if (state) state.textContent = el.getAttribute('data-overdue') || 'te laat';
      }
    }
  }

  function swapIn(html, url, anchor) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var main = doc.querySelector('main');
    if (!main) return false;
    document.querySelector('main').replaceWith(main);
    document.title = doc.title;
    if (url && url !== location.href) history.pushState({ meldkamer: true }, '', url);
    enhance(main);
    tick();
    var target = main.querySelector('[role="alert"]') || (anchor && document.getElementById(anchor));
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
      target.scrollIntoView({ block: 'start' });
    }
    return true;
  }

  /* An evidence file (ui-evidence.c): sent to the API as the raw body,
   * which the server streams into the store while hashing; the form's
   * other fields go in the query. Shown only when this script runs. */
  function upload(form) {
    var box = form.closest('.js-upload');
    if (box) box.hidden = false;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = form.querySelector('input[type=file]');
      var file = input && input.files[0];
      var err = form.querySelector('.alert.error');
      if (!file) return;
      var q = new URLSearchParams();
      ['what', 'why', 'location'].forEach(function (n) {
        var el = form.elements[n];
        if (el && el.value) q.append(n, el.value);
      });
      q.append('name', file.name);
      if (file.type) q.append('media_type', file.type);
      var buttons = form.querySelectorAll('button');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = true;
      fetch(form.getAttribute('data-upload') + '?' + q.toString(), {
        method: 'POST', body: file, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/octet-stream', 'Accept': 'application/json',
                   'X-CSRF-Token': form.elements.csrf.value }
      }).then(function (resp) {
        if (resp.status === 201) {
          location.assign(form.getAttribute('data-done'));
          return;
        }
        return resp.json().catch(function () { return { detail: resp.statusText }; }).then(function (p) {
          for (var k = 0; k < buttons.length; k++) buttons[k].disabled = false;
          err.textContent = p.detail || resp.statusText;
          err.hidden = false;
          var bad = p.field && form.elements[p.field];
          if (bad && bad.setAttribute) {
            bad.setAttribute('aria-invalid', 'true');
            bad.setAttribute('aria-describedby', err.id);
          }
          err.setAttribute('tabindex', '-1');
          err.focus();
        });
      });
    });
  }

  function enhance(root) {
    var uploads = root.querySelectorAll('form[data-upload]');
    for (var u = 0; u < uploads.length; u++) upload(uploads[u]);
    var forms = root.querySelectorAll('form[data-enhance]');
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener('submit', function (ev) {
        var form = ev.currentTarget;
        var body = new URLSearchParams(new FormData(form));
        if (ev.submitter && ev.submitter.name) body.append(ev.submitter.name, ev.submitter.value);
        ev.preventDefault();
        var section = form.closest('section');
        var buttons = form.querySelectorAll('button');
        for (var j = 0; j < buttons.length; j++) buttons[j].disabled = true;
        fetch(form.action, {
          method: 'POST', body: body, credentials: 'same-origin',
          headers: { 'Accept': 'text/html' }
        }).then(function (resp) {
          return resp.text().then(function (text) {
            if (!swapIn(text, resp.url, section && section.id)) form.submit();
          });
        }).catch(function () {
          /* The network or the script failed: the plain form still works. */
          form.submit();
        });
      });
    }
  }

  /* Back and forward over pages swapped in by fetch load them again.
   * Only our own history entries: following an in-page link (the skip
   * link, the table of contents) fires popstate too. */
  window.addEventListener('popstate', function (ev) {
    if (ev.state && ev.state.meldkamer) location.reload();
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.documentElement.classList.add('js');
    history.replaceState({ meldkamer: true }, '');
    enhance(document);
    tick();
    setInterval(tick, 1000);
  });
})();
