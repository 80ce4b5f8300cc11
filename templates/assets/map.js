/* Draws the markers listed in points.json on a Leaflet map: one per place with coordinates,
 * shared by the incidents at the same coordinates ("3 incidents here", each listed).
 * Record text is put into the page as text nodes only, never as HTML: Leaflet writes a string
 * given to bindTooltip or bindPopup with innerHTML, so both get elements built here. When tiles
 * cannot be loaded the points still show, and the page lists every incident below the map. */
(function () {
  "use strict";

  var PAGE = /^\.\.\/incidents\/[a-z0-9-]+\/$/;

  function textElement(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function entryBox(entry) {
    var box = document.createElement("div");
    box.className = "map-entry";
    // points.json names each incident's page by a relative address built from its id; any
    // other address (a javascript: one included) is shown as text, not made into a link.
    var link = textElement(PAGE.test(entry.url) ? "a" : "span", entry.title);
    if (PAGE.test(entry.url)) {
      link.href = entry.url;
    }
    box.appendChild(link);
    box.appendChild(textElement("div", entry.date + " · " + entry.here.join("; ") + " (accurate to the " + entry.precision + ")"));
    if (entry.elsewhere.length) {
      box.appendChild(textElement("div", entry.elsewhere.length > 1 ? "Its other places:" : "Its other place:"));
      var list = document.createElement("ul");
      entry.elsewhere.forEach(function (place) {
        list.appendChild(textElement("li", place));
      });
      box.appendChild(list);
    }
    return box;
  }

  function popup(marker) {
    var box = document.createElement("div");
    if (marker.incidents.length > 1) {
      box.appendChild(textElement("strong", marker.label));
      var list = document.createElement("ol");
      marker.incidents.forEach(function (entry) {
        var item = document.createElement("li");
        item.appendChild(entryBox(entry));
        list.appendChild(item);
      });
      box.appendChild(list);
    } else {
      box.appendChild(entryBox(marker.incidents[0]));
    }
    return box;
  }

  var NORMAL = { weight: 2, color: "#7a1f1f" };
  var LINKED = { weight: 4, color: "#1f3f7a" };

  function draw(element, markers) {
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    var bounds = [];
    var byIncident = {};
    markers.forEach(function (point) {
      var ids = point.incidents.map(function (entry) { return entry.id; });
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: Math.min(8 + 2 * (ids.length - 1), 16),
        weight: NORMAL.weight,
        color: NORMAL.color,
        fillColor: "#d9534f",
        fillOpacity: 0.8,
        className: "incident-marker " + ids.map(function (id) { return "incident-" + id; }).join(" ")
      });
      ids.forEach(function (id) {
        (byIncident[id] = byIncident[id] || []).push(marker);
      });
      // An event in several places reads as one: opening one of its points marks the others.
      marker.on("popupopen", function () {
        ids.forEach(function (id) {
          byIncident[id].forEach(function (other) { other.setStyle(LINKED); });
        });
      });
      marker.on("popupclose", function () {
        ids.forEach(function (id) {
          byIncident[id].forEach(function (other) { other.setStyle(NORMAL); });
        });
      });
      marker.bindPopup(popup(point));
      marker.bindTooltip(textElement("span", point.label));
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
    } else {
      map.setView([48.0, 67.0], 4);
    }
    element.setAttribute("data-markers", String(markers.length));
  }

  function start() {
    var element = document.getElementById("incident-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    fetch(element.getAttribute("data-points"))
      .then(function (response) {
        if (!response.ok) {
          throw new Error("points.json: HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (markers) { draw(element, markers); })
      .catch(function (error) {
        element.textContent = "The map could not be drawn (" + error.message + "); the incidents are listed below.";
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
