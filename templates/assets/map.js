/* Draws the markers listed in points.json on a Leaflet map: one per place with coordinates,
 * shared by the incidents at the same coordinates ("3 incidents here", each listed).
 * Record text is put into the page as text nodes only, never as HTML: Leaflet writes a string
 * given to bindTooltip or bindPopup with innerHTML, so both get elements built here. When tiles
 * cannot be loaded the points still show over the country outline of outline.json (Natural
 * Earth, no record text in it), filled in once a tile fails, and the page lists every incident
 * below the map. */
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
  // Over tiles the outline is only a faint line; without them its countries are filled, so
  // that the map still reads as a map.
  var OUTLINE = {
    home: { weight: 1, color: "#555555", opacity: 0.5, fillColor: "#f2efe6", fillOpacity: 0 },
    other: { weight: 0.5, color: "#888888", opacity: 0.4, fillColor: "#e4e4e4", fillOpacity: 0 }
  };
  var UNTILED = {
    home: { opacity: 1, fillOpacity: 1 },
    other: { opacity: 1, fillOpacity: 1 }
  };

  function kind(feature) {
    return feature.properties && feature.properties.home === true ? "home" : "other";
  }

  function drawOutline(map, element, outline) {
    var layer = L.geoJSON(outline, {
      interactive: false,
      attribution: "Borders: Natural Earth",
      style: function (feature) {
        var style = L.extend({}, OUTLINE[kind(feature)]);
        style.className = "map-outline map-outline-" + kind(feature);
        return style;
      }
    });
    layer.addTo(map);
    element.setAttribute("data-outline-countries", String(outline.features.length));
    return layer;
  }
  var LINKED = { weight: 4, color: "#1f3f7a" };

  function draw(element, markers, outline) {
    var map = L.map(element, { scrollWheelZoom: false });
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    // The view comes first: a vector layer cannot be drawn on a map without one.
    var bounds = markers.map(function (point) { return [point.lat, point.lon]; });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
    } else {
      map.setView([48.0, 67.0], 4);
    }
    // Drawn before the markers, so that it lies under them in the same layer.
    if (outline && outline.type === "FeatureCollection") {
      var shapes = drawOutline(map, element, outline);
      tiles.once("tileerror", function () {
        shapes.setStyle(function (feature) { return UNTILED[kind(feature)]; });
        element.setAttribute("data-untiled", "true");
        element.classList.add("map-untiled");
      });
    }
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
    });
    element.setAttribute("data-markers", String(markers.length));
  }

  function start() {
    var element = document.getElementById("incident-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    // The map is drawn without its outline when outline.json cannot be read.
    var outline = fetch(element.getAttribute("data-outline"))
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
    var points = fetch(element.getAttribute("data-points"))
      .then(function (response) {
        if (!response.ok) {
          throw new Error("points.json: HTTP " + response.status);
        }
        return response.json();
      });
    Promise.all([points, outline])
      .then(function (found) { draw(element, found[0], found[1]); })
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
