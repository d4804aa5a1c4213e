/* global document, fetch, FormData */
// The "Job application form" block: sends the form through the app proxy with fetch (the files go as
// multipart, streamed by the browser) and shows the app's answer in the page: a thank-you, one message
// under each field that needs fixing (422), or what went wrong (too large, too many tries, closed).
(function () {
  "use strict";

  function setup(form) {
    var status = form.querySelector("[data-status]");
    var button = form.querySelector('button[type="submit"]');
    var maxFile = Number(form.getAttribute("data-max-file-mb")) * 1024 * 1024;
    var maxTotal = Number(form.getAttribute("data-max-total-mb")) * 1024 * 1024;
    var maxFiles = Number(form.getAttribute("data-max-files"));

    function showStatus(text, kind) {
      status.textContent = text;
      status.className =
        "passerelle-job-application__status" + (kind ? " passerelle-job-application__status--" + kind : "");
    }

    function clearErrors() {
      form.querySelectorAll("[data-error-for]").forEach(function (p) {
        p.textContent = "";
        p.hidden = true;
      });
      form.querySelectorAll("[aria-invalid]").forEach(function (input) {
        input.removeAttribute("aria-invalid");
      });
    }

    function showErrors(errors) {
      var first = null;
      Object.keys(errors).forEach(function (field) {
        var p = form.querySelector('[data-error-for="' + field + '"]');
        var input = form.elements.namedItem(field);
        if (p) {
          p.textContent = errors[field];
          p.hidden = false;
        }
        if (input && input.setAttribute) {
          input.setAttribute("aria-invalid", "true");
          first = first || input;
        }
      });
      if (first && first.focus) first.focus();
    }

    // What the browser can see before sending (the app checks again, and checks the content).
    function fileErrors() {
      var files = Array.prototype.slice.call(form.elements.namedItem("files").files || []);
      if (files.length > maxFiles) return "Attach at most " + maxFiles + " files.";
      var total = 0;
      for (var i = 0; i < files.length; i++) {
        total += files[i].size;
        if (files[i].size > maxFile)
          return "“" + files[i].name + "” is larger than 10 MB; each file may be up to that.";
      }
      if (total > maxTotal) return "The files together are larger than 20 MB.";
      return null;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var tooBig = fileErrors();
      if (tooBig) {
        showErrors({ files: tooBig });
        showStatus("Some fields need fixing.", "error");
        return;
      }
      button.disabled = true;
      showStatus("Sending…");
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              return { status: response.status, body: body };
            });
        })
        .then(function (answer) {
          button.disabled = false;
          if (answer.status >= 200 && answer.status < 300) {
            form.reset();
            showStatus(answer.body.message || "Thank you: your application was sent.", "done");
            return;
          }
          if (answer.body.fieldErrors) showErrors(answer.body.fieldErrors);
          showStatus(answer.body.error || "Your application could not be sent; please try again later.", "error");
        })
        .catch(function () {
          button.disabled = false;
          showStatus("Your application could not be sent: check your connection and try again.", "error");
        });
    });
  }

  document.querySelectorAll("form[data-passerelle-job-application]").forEach(setup);
})();
