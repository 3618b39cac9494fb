// threatdesk: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  var geo = document.querySelector(".geo");
  if (geo && "geolocation" in navigator) {
    geo.hidden = false;
    var status = document.getElementById("location-status");
    document.getElementById("use-location").addEventListener("click", function () {
      status.textContent = "Locating…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("lat").value = pos.coords.latitude.toFixed(4);
        document.getElementById("lon").value = pos.coords.longitude.toFixed(4);
        status.textContent = "Location added (about " + Math.round(pos.coords.accuracy) + " m).";
      }, function () {
        status.textContent = "Location not available; describe the place instead.";
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
    });
  }
})();
