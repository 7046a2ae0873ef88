/* midtrans-mock snap.js: the simulator's stand-in for https://app.midtrans.com/snap/snap.js.
 *
 * window.snap.pay(token, {onSuccess, onPending, onError, onClose}) opens the simulator's
 * payment page for `token` in an overlay iframe. When the customer finishes (the page's
 * "Back to merchant" button) the page posts its result here, the overlay closes, and the
 * callback matching the transaction status runs with the result object: onSuccess for
 * capture (fraud accept) and settlement, onPending for pending and challenged payments,
 * onError for anything else. Closing the overlay without finishing runs onClose.
 * window.snap.hide() closes the overlay.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script ? script.src : window.location.href).origin;
  var overlay = null;
  var listener = null;

  function hide() {
    if (listener) {
      window.removeEventListener("message", listener);
      listener = null;
    }
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    overlay = null;
  }

  function outcome(result) {
    var status = result && result.transaction_status;
    if (status === "settlement" || (status === "capture" && result.fraud_status !== "challenge")) {
      return "onSuccess";
    }
    if (status === "pending" || status === "capture") {
      return "onPending";
    }
    return "onError";
  }

  function pay(token, options) {
    options = options || {};
    hide();
    overlay = document.createElement("div");
    overlay.id = "snap-midtrans";
    overlay.setAttribute(
      "style",
      "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.5);" +
        "display:flex;align-items:center;justify-content:center"
    );
    var frame = document.createElement("iframe");
    frame.id = "snap-midtrans-frame";
    frame.name = "snap-midtrans-frame";
    frame.title = "Midtrans payment";
    frame.src = origin + "/snap/v3/redirection/" + encodeURIComponent(token);
    frame.setAttribute("style", "width:420px;height:560px;max-width:95vw;border:0;background:#fff");
    var close = document.createElement("button");
    close.id = "snap-midtrans-close";
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.setAttribute("style", "position:absolute;top:12px;right:16px;font-size:28px");
    close.onclick = function () {
      hide();
      if (typeof options.onClose === "function") {
        options.onClose();
      }
    };
    listener = function (event) {
      var data = event.data;
      if (event.origin !== origin || !data || data.source !== "midtrans-mock-snap") {
        return;
      }
      hide();
      var callback = options[outcome(data.result)];
      if (typeof callback === "function") {
        callback(data.result);
      }
    };
    window.addEventListener("message", listener);
    overlay.appendChild(frame);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  window.snap = { pay: pay, hide: hide };
})();
