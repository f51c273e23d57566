/** Internal, not API, may change: helpers of the maintenance module. */
package io.sqlitekit.plugin.maintenance.internal;
