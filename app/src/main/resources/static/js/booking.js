// Booking pages. Everything here is an enhancement: without JavaScript the pages still work (the hold page states
// its expiry as a clock time, and a problem is announced by role="alert").
(function () {
  'use strict';

  // A page that shows a problem or a result moves focus to it, so a keyboard or screen-reader user starts there.
  var focus = document.querySelector('[data-focus-on-load]');
  if (focus) {
    focus.focus();
  }

  // The hold countdown. The server counts the seconds left (the browser's clock may be off); the visible clock
  // ticks every second; the polite live region speaks only at each new minute and at the end.
  var box = document.querySelector('[data-countdown]');
  if (!box) {
    return;
  }
  var left = parseInt(box.getAttribute('data-seconds-left'), 10);
  if (isNaN(left)) {
    return;
  }
  var clock = box.querySelector('[data-clock]');
  var spoken = box.querySelector('[data-spoken]');
  var notice = box.querySelector('[data-expired-notice]');
  var end = Date.now() + left * 1000;
  var minute = Math.ceil(left / 60);
  var timer;

  function two(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function tick() {
    var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
    clock.textContent = Math.floor(seconds / 60) + ' min ' + two(seconds % 60) + ' s';
    if (seconds === 0) {
      window.clearInterval(timer);
      box.classList.add('over');
      spoken.textContent = box.getAttribute('data-expired');
      if (notice) {
        notice.hidden = false;
      }
      // Confirming can no longer succeed (the server would answer that the hold ran out): say so by disabling it.
      Array.prototype.forEach.call(document.querySelectorAll('form[action$="/confirmer"] button'), function (button) {
        button.disabled = true;
      });
      return;
    }
    var now = Math.ceil(seconds / 60);
    if (now < minute) {
      minute = now;
      spoken.textContent = box.getAttribute('data-announce').replace('__N__', String(now));
    }
  }

  timer = window.setInterval(tick, 1000);
  tick();
})();
