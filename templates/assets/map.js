/* Draws the incidents listed in points.json on a Leaflet map.
 * Record text is put into the page with textContent only, never as HTML. When tiles cannot
 * be loaded the points still show, and the page lists every incident below the map. */
(function () {
  "use strict";

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
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
      marker.bindTooltip(point.title);
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
