/**
 * Repository-contract rules shared by every kit: refusing unscoped bulk writes, page limits, the upsert
 * seed row, write validation.
 */
package io.sqlitekit.support.rules;
