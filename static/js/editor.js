// The persona editor. Every edit names the version it was made on (based_on); after a save in place the page's
// version moves on (#persona-version, swapped in by the server), so forms rendered before it send the current one.
(function () {
  function currentVersion() {
    const input = document.getElementById("persona-version");
    return input ? input.value : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    const version = currentVersion();
    if (version !== null && event.detail.verb === "post") event.detail.parameters["based_on"] = version;
  });
  document.addEventListener("submit", function (event) {
    const field = event.target.elements && event.target.elements.namedItem("based_on");
    const version = currentVersion();
    if (field && version !== null) field.value = version;
  });

  // Drag and drop reorders a section's items; the up and down buttons do the same without a mouse.
  let dragged = null;
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest("li.item[draggable]");
    if (dragged) {
      dragged.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.index);
    }
  });
  document.addEventListener("dragover", function (event) {
    const over = event.target.closest && event.target.closest("li.item[draggable]");
    if (!dragged || !over || over === dragged || over.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    over.parentNode.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    const list = dragged.parentNode;
    dragged.classList.remove("is-dragging");
    dragged = null;
    const order = Array.from(list.querySelectorAll(":scope > li.item")).map((item) => item.dataset.index);
    if (order.every((value, position) => Number(value) === position)) return;
    const section = list.closest("section.section");
    htmx.ajax("POST", list.dataset.reorderUrl, {
      target: section, swap: "outerHTML", values: { order: order.join(","), based_on: currentVersion() },
    });
  });
})();
