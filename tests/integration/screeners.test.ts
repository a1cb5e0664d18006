/** Saved screeners over HTTP with the embedded engine (the cases: screeners.cases.ts). */
import "./screeners.cases";
