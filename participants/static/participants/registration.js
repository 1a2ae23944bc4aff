// Show the company fields only when "Company" is chosen, and each question only to the types it is
// asked of. Without JavaScript they are always shown and the server ignores them for other types.
(function () {
  "use strict";
  var form = document.querySelector(".registration-form");
  if (!form) return;
  var group = form.querySelector("[data-company-fields]");
  var questions = form.querySelectorAll("[data-question-types]");
  var radios = form.querySelectorAll("input[name='stakeholder_type']");
  function update() {
    var checked = form.querySelector("input[name='stakeholder_type']:checked");
    group.hidden = !(checked && checked.value === "company");
    questions.forEach(function (question) {
      var types = question.getAttribute("data-question-types").split(" ");
      question.hidden = !(checked && types.indexOf(checked.value) !== -1);
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
