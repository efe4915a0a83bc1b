// The anonymous side's only script. Everything works without it; with it, the chat updates in place
// and the quick exit (button or Esc) replaces this page in the history so Back does not return here.
(function () {
  "use strict";

  // Leaving goes through /leave/, which deletes the conversation and redirects to the neutral
  // site; location.replace takes this page out of the history, so Back does not return here.
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.innerHTML = "";
    window.location.replace("/leave/");
  }
  var exitForm = document.getElementById("quick-exit-form");
  if (exitForm) { exitForm.addEventListener("submit", leave); }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { leave(event); }
  });

  var turns = document.getElementById("turns");
  if (!turns || !window.fetch) { return; }

  function send(form, message) {
    var data = new FormData(form);
    if (message !== undefined) { data.set("message", message); }
    var oldQuick = turns.querySelectorAll("form.quick-replies");
    var error = document.getElementById("error");
    if (error) { error.remove(); }
    return fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; }, function () {
        return { ok: false, body: { error: "Sorry, that did not go through. Please try again, or reload the page." } };
      });
    }).then(function (result) {
      if (!result.ok) { throw new Error(result.body.error || "Something went wrong. Please try again."); }
      oldQuick.forEach(function (q) { q.remove(); });
      var starter = document.querySelector("section.chat > form.quick-replies");
      if (starter) { starter.remove(); }
      var previous = document.getElementById("latest");
      if (previous) { previous.removeAttribute("id"); }
      turns.insertAdjacentHTML("beforeend", result.body.html);
      bind(turns);
      var latest = document.getElementById("latest");
      if (latest) { latest.scrollIntoView({ block: "start" }); }
      return true;
    }).catch(function (problem) {
      var p = document.createElement("p");
      p.className = "error"; p.id = "error"; p.setAttribute("role", "alert");
      p.textContent = problem.message;
      document.getElementById("compose").before(p);
      return false;
    });
  }

  function bind(root) {
    root.querySelectorAll("form[data-chat-form]").forEach(function (form) {
      if (form.dataset.bound) { return; }
      form.dataset.bound = "1";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = event.submitter;
        if (button && button.name === "message") {
          send(form, button.value);
          return;
        }
        var box = form.querySelector("textarea");
        if (!box || !box.value.trim()) { return; }
        send(form).then(function (sent) { if (sent) { box.value = ""; box.focus(); } });
      });
    });
  }
  bind(document);
  var message = document.getElementById("message");
  if (message) {
    message.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        message.form.requestSubmit();
      }
    });
  }
})();
