/* Draws the incidents listed in points.json on a Leaflet map.
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

  function popup(point) {
    var box = document.createElement("div");
    // points.json names each incident's page by a relative address built from its id; any
    // other address (a javascript: one included) is shown as text, not made into a link.
    var link = textElement(PAGE.test(point.url) ? "a" : "span", point.title);
    if (PAGE.test(point.url)) {
      link.href = point.url;
    }
    var details = document.createElement("div");
    details.textContent = point.date + " · " + point.place + " (accurate to the " + point.precision + ")";
    box.appendChild(link);
    box.appendChild(details);
    return box;
  }

  function draw(element, points) {
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 8,
        weight: 2,
        color: "#7a1f1f",
        fillColor: "#d9534f",
        fillOpacity: 0.8,
        className: "incident-marker incident-" + point.id
      });
      marker.bindPopup(popup(point));
      marker.bindTooltip(textElement("span", point.title));
      marker.addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
    } else {
      map.setView([48.0, 67.0], 4);
    }
    element.setAttribute("data-markers", String(points.length));
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
      .then(function (points) { draw(element, points); })
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
