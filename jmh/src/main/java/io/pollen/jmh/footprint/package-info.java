/**
 * Memory measurements that are states rather than rates (retained heap per idle connection), run
 * as plain mains from the benchmarks jar.
 */
package io.pollen.jmh.footprint;
