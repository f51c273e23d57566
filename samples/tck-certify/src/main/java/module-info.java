/**
 * The tck-certify sample: a third-party implementation of the repository contract. It depends on the spi and on
 * the support layer's forwarding base (a decorator is a {@code StandardRepo} implementer, the audience of
 * {@code io.sqlitekit.support}). Its TCK harness lives in the test sources, so the certification is a
 * test-scope concern.
 */
module io.sqlitekit.sample.tckcertify {
  // StandardRepo and everything in its signatures.
  requires transitive io.sqlitekit.spi;
  // MeteredRepo's public superclass, ForwardingStandardRepo.
  requires transitive io.sqlitekit.support;

  exports io.sqlitekit.sample.tckcertify;
}
