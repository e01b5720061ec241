/**
 * Child processes of the example commands: how a child is started as this same program
 * ({@link io.pollen.examples.process.SameJvmCommand}) and how it stops when its parent is gone
 * ({@link io.pollen.examples.process.ParentWatch}); used by {@code loadgen --processes} and
 * {@code server --workers}.
 */
package io.pollen.examples.process;
