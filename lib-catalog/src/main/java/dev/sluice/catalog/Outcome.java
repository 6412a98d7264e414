package dev.sluice.catalog;

/** How a run ended. */
public enum Outcome { SUCCESS, FAILURE }
