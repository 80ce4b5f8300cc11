/* Draws the incidents of overview.json on a Leaflet map, clustered by leaflet.markercluster, and
 * loads the rest only where the reader zooms in (generator/site/map_tiles.py says how the files
 * are cut). A file holds markers (one per place with coordinates, shared by the incidents at the
 * same coordinates: "3 incidents here", the first few listed) or cells that each stand for the
 * incidents of one tile, drawn as a count; a cell's file tiles/<z>/<x>/<y>.json is fetched once
 * the view is zoomed to the cell's "open" zoom and shows part of it. A cluster counts the
 * incidents of what it gathers, so the counts on the map always add up to the incidents drawn.
 * A tile that arrives while a popup is open is drawn once the popup closes.
 * The first view fits the overview below every cell's "open" zoom: the first load is the page,
 * outline.json and overview.json, whatever the number of incidents. "#map=<zoom>/<lat>/<lon>"
 * in the address opens the map at that view instead.
 * Record text is put into the page as text nodes only, never as HTML: Leaflet writes a string
 * given to bindTooltip or bindPopup with innerHTML, so both get elements built here. When tiles
 * cannot be loaded the points still show over the country outline of outline.json (Natural
 * Earth, no record text in it), filled in once a tile fails, and the page lists its incidents
 * below the map. */
(function () {
  "use strict";

  var PAGE = /^\.\.\/incidents\/[a-z0-9-]+\/$/;
  var PLACE = /^\.\.\/places\/([a-z0-9-]+\/(#s-[a-z0-9-]+)?)?$/;
  var VIEW = /^#map=(\d{1,2})\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/;

  function textElement(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  // data files name pages by relative addresses built from ids; any other address (a
  // javascript: one included) is shown as text, not made into a link.
  function linkElement(pattern, url, text) {
    var link = textElement(pattern.test(url) ? "a" : "span", text);
    if (pattern.test(url)) {
      link.href = url;
    }
    return link;
  }

  function entryBox(entry) {
    var box = document.createElement("div");
    box.className = "map-entry";
    box.appendChild(linkElement(PAGE, entry.url, entry.title));
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
    if (marker.count > 1 || !marker.incidents.length) {
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
    if (marker.more > 0) {
      var more = document.createElement("div");
      more.className = "map-more";
      var words = marker.incidents.length ? "and " + marker.more + " more, listed on the place's page" : "listed by place";
      more.appendChild(linkElement(PLACE, marker.page, words));
      box.appendChild(more);
    }
    return box;
  }

  var NORMAL = { weight: 2, color: "#7a1f1f" };
  var LINKED = { weight: 4, color: "#1f3f7a" };
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

  function countIcon(count, extra) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = document.createElement("div");
    inner.appendChild(textElement("span", String(count)));
    return L.divIcon({
      html: inner,
      className: "marker-cluster marker-cluster-" + size + extra,
      iconSize: L.point(40, 40)
    });
  }

  function clusterIcon(cluster) {
    var total = 0;
    cluster.getAllChildMarkers().forEach(function (layer) { total += layer.options.count; });
    return countIcon(total, "");
  }

  function isTile(tile) {
    return Array.isArray(tile) && tile.length === 3 && tile.every(function (n) { return Number.isInteger(n) && n >= 0; });
  }

  function Drawing(map, element, base) {
    this.map = map;
    this.element = element;
    this.base = base;
    this.group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false });
    this.group.addTo(map);
    this.byIncident = {};
    this.waiting = [];
    this.held = [];
    this.popup = false;
    this.markers = 0;
    this.tiles = 0;
  }

  Drawing.prototype.addNode = function (node) {
    var self = this;
    (node.markers || []).forEach(function (point) { self.addMarker(point); });
    (node.cells || []).forEach(function (cell) {
      if (isTile(cell.tile)) {
        self.addCell(cell);
      }
    });
    this.element.setAttribute("data-markers", String(this.markers));
  };

  Drawing.prototype.addMarker = function (point) {
    var byIncident = this.byIncident;
    var ids = point.incidents.map(function (entry) { return entry.id; });
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: Math.min(8 + 2 * (point.count - 1), 16),
      weight: NORMAL.weight,
      color: NORMAL.color,
      fillColor: "#d9534f",
      fillOpacity: 0.8,
      count: point.count,
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
    this.group.addLayer(marker);
    this.markers += 1;
  };

  Drawing.prototype.addCell = function (cell) {
    var map = this.map;
    var marker = L.marker([cell.lat, cell.lon], {
      icon: countIcon(cell.count, " map-cell"),
      count: cell.count,
      title: cell.count + " incidents; zoom in to see them"
    });
    marker.on("click", function () { map.fitBounds(cell.bounds); });
    this.group.addLayer(marker);
    this.waiting.push({ cell: cell, marker: marker });
  };

  // Opens the cells in view at their zoom; each file is fetched once and replaces its cell.
  Drawing.prototype.open = function () {
    var self = this;
    var zoom = this.map.getZoom();
    var view = this.map.getBounds();
    var ready = this.waiting.filter(function (item) {
      return zoom >= item.cell.open && view.intersects(L.latLngBounds(item.cell.bounds));
    });
    this.waiting = this.waiting.filter(function (item) { return ready.indexOf(item) < 0; });
    ready.forEach(function (item) {
      var url = self.base + "tiles/" + item.cell.tile.join("/") + ".json";
      fetch(url)
        .then(function (response) {
          if (!response.ok) {
            throw new Error(url + ": HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (node) {
          self.tiles += 1;
          self.element.setAttribute("data-tiles", String(self.tiles));
          self.held.push({ marker: item.marker, node: node });
          self.release();
        })
        .catch(function () {
          self.element.setAttribute("data-tile-error", "true");
        });
    });
  };

  // Draws the tiles that arrived, unless a popup is open: their markers re-cluster the map, and
  // one beside the marker whose popup is open would gather it into a cluster and close the
  // popup under the reader's pointer. They wait until it is closed.
  Drawing.prototype.release = function () {
    var self = this;
    if (this.popup || !this.held.length) {
      return;
    }
    var held = this.held;
    this.held = [];
    held.forEach(function (item) {
      self.group.removeLayer(item.marker);
      self.addNode(item.node);
    });
    // Their own cells may already be in view at their zoom.
    this.open();
  };

  function hashView(map) {
    var found = VIEW.exec(window.location.hash);
    if (found) {
      map.setView([Number(found[2]), Number(found[3])], Math.min(Number(found[1]), 18));
    }
    return Boolean(found);
  }

  function firstView(map, overview) {
    if (hashView(map)) {
      return;
    }
    var cells = overview.cells || [];
    var bounds = (overview.markers || []).map(function (point) { return [point.lat, point.lon]; });
    cells.forEach(function (cell) { bounds.push(cell.bounds[0], cell.bounds[1]); });
    if (!bounds.length) {
      map.setView([48.0, 67.0], 4);
      return;
    }
    var opens = cells.map(function (cell) { return cell.open - 1; });
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: Math.min.apply(null, opens.concat([10])) });
  }

  function draw(element, overview, outline, base) {
    var map = L.map(element, { scrollWheelZoom: false });
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    // The view comes first: a vector layer cannot be drawn on a map without one.
    firstView(map, overview);
    // Drawn before the markers, so that it lies under them in the same layer.
    if (outline && outline.type === "FeatureCollection") {
      var shapes = drawOutline(map, element, outline);
      tiles.once("tileerror", function () {
        shapes.setStyle(function (feature) { return UNTILED[kind(feature)]; });
        element.setAttribute("data-untiled", "true");
        element.classList.add("map-untiled");
      });
    }
    var drawing = new Drawing(map, element, base);
    drawing.addNode(overview);
    var total = 0;
    (overview.markers || []).concat(overview.cells || []).forEach(function (item) { total += item.count; });
    element.setAttribute("data-total", String(total));
    map.on("moveend", function () { drawing.open(); });
    map.on("popupopen", function () { drawing.popup = true; });
    map.on("popupclose", function () {
      drawing.popup = false;
      // A popup closes as another opens: the tiles wait for the last one.
      setTimeout(function () { drawing.release(); }, 0);
    });
    window.addEventListener("hashchange", function () { hashView(map); });
    drawing.open();
  }

  function start() {
    var element = document.getElementById("incident-map");
    if (!element || typeof L === "undefined" || typeof L.markerClusterGroup === "undefined") {
      return;
    }
    var address = element.getAttribute("data-points");
    var base = address.slice(0, address.lastIndexOf("/") + 1);
    // The map is drawn without its outline when outline.json cannot be read.
    var outline = fetch(element.getAttribute("data-outline"))
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
    var overview = fetch(address)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("overview.json: HTTP " + response.status);
        }
        return response.json();
      });
    Promise.all([overview, outline])
      .then(function (found) { draw(element, found[0], found[1], base); })
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
