/** Search pages over HTTP with the embedded engine (the cases: search-http.cases.ts). */
import "./search-http.cases";
