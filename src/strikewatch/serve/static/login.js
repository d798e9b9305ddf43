"use strict";
// Show the error when the server sent us back, and return to the page that asked for a sign-in.
const params = new URLSearchParams(location.search);
if (params.get("error")) document.getElementById("login-error").hidden = false;
const next = params.get("next");
if (next && next.startsWith("/") && !next.startsWith("//")) document.querySelector("input[name=next]").value = next;
