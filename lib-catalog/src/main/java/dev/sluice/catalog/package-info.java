/** DataHub metadata and lineage from the PipelineGraph; Pinot schemas and tables. Arrives with its own issue. */
package dev.sluice.catalog;
