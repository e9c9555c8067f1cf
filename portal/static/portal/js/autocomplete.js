/* Suggestions under the header's search field, as the WAI-ARIA 1.2 "combobox with a listbox popup".

   Focus stays in the field; aria-activedescendant points at the option the arrows have reached.
   ArrowDown/ArrowUp move through the options (and wrap), Enter opens the active option (with none
   active, it submits the form: the full search), Escape closes the list (a second Escape empties the
   field), Tab closes it. A polite live region says how many suggestions there are.
   A progressive enhancement: without JavaScript the form is a plain search form. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var MIN_LENGTH = 2;
  var KIND_CLASSES = {
    "titre": "fr-badge--blue-cumulus",
    "mot-cle": "fr-badge--purple-glycine",
    "structure": "fr-badge--green-archipel"
  };

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    var endpoint = form.getAttribute("data-autocomplete-url");
    if (!input || !endpoint || !window.fetch || input.getAttribute("role") === "combobox") {
      return;
    }
    var baseId = input.id || "recherche-entete-q";
    var label = form.querySelector("label[for='" + baseId + "']");
    if (label && !label.id) {
      label.id = baseId + "-libelle";
    }

    var list = document.createElement("ul");
    list.id = baseId + "-suggestions";
    list.className = "portal-autocomplete__list";
    list.setAttribute("role", "listbox");
    if (label) {
      list.setAttribute("aria-labelledby", label.id);
    } else {
      list.setAttribute("aria-label", "Suggestions");
    }
    list.hidden = true;

    var hint = document.createElement("p");
    hint.id = baseId + "-aide-suggestions";
    hint.className = "fr-sr-only";
    hint.textContent = "Des suggestions apparaissent dès deux caractères saisis : flèches haut et bas pour les parcourir, "
      + "Entrée pour ouvrir la suggestion choisie, Échap pour fermer la liste.";

    var status = document.createElement("div");
    status.className = "fr-sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");

    form.classList.add("portal-autocomplete");
    form.appendChild(list);
    form.appendChild(hint);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    var describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", describedBy ? describedBy + " " + hint.id : hint.id);

    var items = [];       // the suggestions on show, as the server sent them
    var itemsFor = null;  // the field's value they answer
    var active = -1;      // index of the option aria-activedescendant points at
    var timer = null;
    var sequence = 0;     // only the answer to the latest request is shown
    var controller = null;

    function isOpen() {
      return !list.hidden;
    }

    function open() {
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function announce(message) {
      status.textContent = message;
    }

    function setActive(index) {
      var previous = active >= 0 ? list.children[active] : null;
      if (previous) {
        previous.setAttribute("aria-selected", "false");
      }
      active = index;
      var option = index >= 0 ? list.children[index] : null;
      if (option) {
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        if (option.scrollIntoView) {
          option.scrollIntoView({block: "nearest"});
        }
      } else {
        active = -1;
        input.removeAttribute("aria-activedescendant");
      }
    }

    function move(step) {
      if (!items.length) {
        return;
      }
      if (!isOpen()) {
        open();
        setActive(step > 0 ? 0 : items.length - 1);
        return;
      }
      var next = active + step;
      if (active < 0) {
        next = step > 0 ? 0 : items.length - 1;
      } else if (next >= items.length) {
        next = 0;
      } else if (next < 0) {
        next = items.length - 1;
      }
      setActive(next);
    }

    function render(suggestions) {
      setActive(-1);
      items = suggestions;
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.className = "portal-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.className = "portal-autocomplete__label";
        text.textContent = item.label;
        // read as "label, kind" rather than the two run together
        var separator = document.createElement("span");
        separator.className = "fr-sr-only";
        separator.textContent = ", ";
        var badge = document.createElement("span");
        badge.className = "fr-badge fr-badge--sm fr-badge--no-icon portal-autocomplete__kind " + (KIND_CLASSES[item.kind] || "");
        badge.textContent = item.kind_label;
        option.appendChild(text);
        option.appendChild(separator);
        option.appendChild(badge);
        list.appendChild(option);
      });
      if (items.length) {
        open();
        announce(items.length === 1 ? "1 suggestion" : items.length + " suggestions");
      } else {
        close();
        announce("Aucune suggestion");
      }
    }

    function forget() {
      sequence += 1;
      window.clearTimeout(timer);
      if (controller) {
        controller.abort();
        controller = null;
      }
      items = [];
      itemsFor = null;
      list.textContent = "";
      close();
    }

    function request(value) {
      var current = ++sequence;
      if (controller) {
        controller.abort();
      }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var separator = endpoint.indexOf("?") === -1 ? "?" : "&";
      fetch(endpoint + separator + "q=" + encodeURIComponent(value), {
        credentials: "same-origin",
        headers: {"Accept": "application/json"},
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) {
          throw new Error("suggestions indisponibles");
        }
        return response.json();
      }).then(function (data) {
        if (current !== sequence || input.value !== value) {
          return;  // a later keystroke has made this answer stale
        }
        itemsFor = value;
        if (document.activeElement === input) {
          render(data.suggestions || []);
        } else {
          items = data.suggestions || [];
        }
      }).catch(function () {
        if (current === sequence) {
          forget();
        }
      });
    }

    function go(item) {
      close();
      window.location.assign(item.url);
    }

    input.addEventListener("input", function () {
      var value = input.value;
      window.clearTimeout(timer);
      if (value.trim().length < MIN_LENGTH) {
        forget();
        announce("");
        return;
      }
      timer = window.setTimeout(function () {
        request(value);
      }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) {
        return;
      }
      switch (event.key) {
        case "ArrowDown":
        case "Down":
        case "ArrowUp":
        case "Up":
          event.preventDefault();
          if (itemsFor !== input.value) {
            // a value the list does not answer yet (the field came filled in): ask now
            if (input.value.trim().length >= MIN_LENGTH) {
              window.clearTimeout(timer);
              request(input.value);
            }
          } else if (event.altKey) {
            open();
          } else {
            move(event.key === "ArrowDown" || event.key === "Down" ? 1 : -1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(items[active]);
          } else {
            close();  // the form is submitted: the full search
          }
          break;
        case "Escape":
        case "Esc":
          if (isOpen()) {
            event.preventDefault();
            event.stopPropagation();
            close();
          } else if (input.value) {
            event.preventDefault();
            event.stopPropagation();
            input.value = "";
            forget();
            announce("");
          }
          break;
        case "Tab":
          close();
          break;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          setActive(-1);  // back to editing the text
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    // Keep the focus in the field while an option is clicked (it is not focusable itself).
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });

    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        var index = Array.prototype.indexOf.call(list.children, option);
        if (items[index]) {
          go(items[index]);
        }
      }
    });

    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      close();
    });

    // Coming back with the browser's back button restores the page as it was: list closed.
    window.addEventListener("pageshow", function () {
      close();
    });
  }

  function start() {
    var forms = document.querySelectorAll("form[data-autocomplete-url]");
    Array.prototype.forEach.call(forms, setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
