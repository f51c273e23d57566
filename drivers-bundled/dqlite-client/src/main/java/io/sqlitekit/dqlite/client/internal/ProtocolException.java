package io.sqlitekit.dqlite.client.internal;

import java.io.IOException;

/**
 * Internal, not API, may change: the peer sent something this client cannot decode (a malformed or
 * unexpected message). The connection's state is unknown afterwards, so it must be closed.
 */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong
   */
  public ProtocolException(String message) {
    super(message);
  }
}
