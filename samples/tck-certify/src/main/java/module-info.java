/**
 * The tck-certify sample: a third-party implementation of the repository contract, depending on the spi only.
 * Its TCK harness lives in the test sources, so the certification is a test-scope concern.
 */
module io.sqlitekit.sample.tckcertify {
  // StandardRepo and everything in its signatures.
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.sample.tckcertify;
}
