// gavah: security keys (WebAuthn). The server makes the options and checks the answers;
// this script only hands them between the page and the browser's authenticator.
// Served from 'self' (the CSP forbids inline code); loaded by the account and sign-in pages.
(function () {
  "use strict";

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: toBytes(d.id), transports: d.transports };
    });
  }

  function say(element, text) {
    if (element) { element.textContent = text; element.hidden = false; }
  }

  function supported() {
    return window.PublicKeyCredential && navigator.credentials && window.isSecureContext;
  }

  // Registration, on the account page.
  function register(form) {
    var status = document.getElementById("key-status");
    var headers = { "content-type": "application/json",
                    "x-csrf-token": form.elements.csrf_token.value };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!supported()) { say(status, form.dataset.unsupported); return; }
      var name = form.elements.name.value;
      var password = form.elements.password.value;
      form.elements.password.value = "";
      fetch("/account/keys/options", { method: "POST", headers: headers, credentials: "same-origin",
                                       body: JSON.stringify({ password: password }) })
        .then(function (r) {
          if (r.status === 403) throw new Error(form.dataset.password);
          if (!r.ok) throw new Error(form.dataset.failed);
          return r.json();
        })
        .then(function (o) {
          o.challenge = toBytes(o.challenge);
          o.user.id = toBytes(o.user.id);
          o.excludeCredentials = descriptors(o.excludeCredentials);
          return navigator.credentials.create({ publicKey: o });
        })
        .then(function (c) {
          var body = { id: c.id, rawId: toText(c.rawId), type: c.type,
                       authenticatorAttachment: c.authenticatorAttachment || null,
                       clientExtensionResults: c.getClientExtensionResults(),
                       response: { clientDataJSON: toText(c.response.clientDataJSON),
                                   attestationObject: toText(c.response.attestationObject),
                                   transports: c.response.getTransports ? c.response.getTransports() : [] } };
          return fetch("/account/keys", { method: "POST", headers: headers, credentials: "same-origin",
                                          body: JSON.stringify({ name: name, credential: JSON.stringify(body) }) });
        })
        .then(function (r) {
          if (!r.ok) throw new Error(form.dataset.failed);
          window.location.assign("/account");
        })
        .catch(function (e) {
          say(status, e.message === form.dataset.password ? e.message : form.dataset.failed);
        });
    });
  }

  // The key step of sign-in, or of issuing a token on the account page: the options come
  // in a data attribute (never inline script); the answer is posted with the form.
  function signIn(form) {
    var status = form.querySelector("[role=status]");
    function ask() {
      if (!supported()) { say(status, form.dataset.unsupported); return; }
      var o = JSON.parse(form.dataset.options);
      o.challenge = toBytes(o.challenge);
      o.allowCredentials = descriptors(o.allowCredentials);
      navigator.credentials.get({ publicKey: o }).then(function (c) {
        form.elements.assertion.value = JSON.stringify({
          id: c.id, rawId: toText(c.rawId), type: c.type,
          authenticatorAttachment: c.authenticatorAttachment || null,
          clientExtensionResults: c.getClientExtensionResults(),
          response: { clientDataJSON: toText(c.response.clientDataJSON),
                      authenticatorData: toText(c.response.authenticatorData),
                      signature: toText(c.response.signature),
                      userHandle: c.response.userHandle ? toText(c.response.userHandle) : null } });
        form.submit();
      }).catch(function () { say(status, form.dataset.failed); });
    }
    form.addEventListener("submit", function (event) {
      if (!form.elements.assertion.value) { event.preventDefault(); ask(); }
    });
    ask();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var add = document.getElementById("key-add");
    if (add) register(add);
    var step = document.getElementById("key-sign-in");
    if (step) signIn(step);
    var token = document.getElementById("key-token");
    if (token) signIn(token);
  });
})();
