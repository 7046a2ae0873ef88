/* midtrans-mock midtrans-new-3ds.js: the simulator's stand-in for Midtrans's card script
 * (https://api.midtrans.com/v2/assets/js/midtrans-new-3ds.min.js), loaded the same way:
 *   <script id="midtrans-script" src=".../v2/assets/js/midtrans-new-3ds.min.js"
 *           data-environment="sandbox" data-client-key="CLIENT-KEY"></script>
 *
 * MidtransNew3ds.getCardToken(card, {onSuccess, onFailure}) asks GET /v2/token with the
 * client key, so the card number never reaches the merchant's server.
 * MidtransNew3ds.authenticate(redirectUrl, {performAuthentication, onSuccess, onFailure,
 * onPending}) calls performAuthentication(redirectUrl) (the merchant opens it, usually in an
 * iframe), then waits for the 3-D Secure page to post its result and runs the matching
 * callback: onSuccess for capture (fraud accept) and settlement, onPending for pending and
 * challenged payments, onFailure for anything else.
 */
(function () {
  "use strict";
  var script = document.getElementById("midtrans-script") || document.currentScript;
  var origin = new URL(script ? script.src : window.location.href).origin;
  var clientKey = script ? script.getAttribute("data-client-key") || "" : "";

  function call(callback, value) {
    if (typeof callback === "function") {
      callback(value);
    }
  }

  function getCardToken(card, options) {
    options = options || {};
    var query = new URLSearchParams({
      client_key: clientKey,
      card_number: String(card.card_number || "").replace(/\s+/g, ""),
      card_exp_month: String(card.card_exp_month || ""),
      card_exp_year: String(card.card_exp_year || ""),
      card_cvv: String(card.card_cvv || "")
    });
    fetch(origin + "/v2/token?" + query.toString())
      .then(function (answer) {
        return answer.json();
      })
      .then(
        function (body) {
          call(body && body.status_code === "200" ? options.onSuccess : options.onFailure, body);
        },
        function (error) {
          call(options.onFailure, { status_code: "500", status_message: String(error) });
        }
      );
  }

  function authenticate(redirectUrl, options) {
    options = options || {};
    var listener = function (event) {
      var data = event.data;
      if (event.origin !== origin || !data || data.source !== "midtrans-mock-3ds") {
        return;
      }
      window.removeEventListener("message", listener);
      var result = data.result || {};
      var status = result.transaction_status;
      if (status === "settlement" || (status === "capture" && result.fraud_status !== "challenge")) {
        call(options.onSuccess, result);
      } else if (status === "pending" || status === "capture") {
        call(options.onPending, result);
      } else {
        call(options.onFailure, result);
      }
    };
    window.addEventListener("message", listener);
    if (typeof options.performAuthentication === "function") {
      options.performAuthentication(redirectUrl);
    } else {
      window.location.href = redirectUrl;
    }
  }

  window.MidtransNew3ds = {
    clientKey: clientKey,
    getCardToken: getCardToken,
    authenticate: authenticate
  };
})();
