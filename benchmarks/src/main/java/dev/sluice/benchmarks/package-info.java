/** JMH and end-to-end benchmarks. They arrive with the lib-stream issue; see benchmarks/README.md. */
package dev.sluice.benchmarks;
