/**
 * The rest-api sample application; not API.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.sample.rest;
