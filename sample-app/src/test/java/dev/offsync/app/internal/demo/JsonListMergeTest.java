package dev.offsync.app.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonListMergeTest {
  private final JsonListMerge merge = new JsonListMerge();

  @Test
  void keepsAdditionsOfBothSidesAndRemovalsOfEither() {
    assertThat(merge.merge("[\"milk\",\"eggs\"]", "[\"milk\",\"eggs\",\"coffee\"]", "[\"milk\",\"bread\"]"))
        .isEqualTo("[\"milk\",\"bread\",\"coffee\"]");
    assertThat(merge.merge("[\"a\",\"b\",\"c\"]", "[\"a\",\"c\"]", "[\"a\",\"b\",\"c\",\"d\"]"))
        .isEqualTo("[\"a\",\"c\",\"d\"]");
  }

  @Test
  void withoutABaseBothListsAreUnited() {
    assertThat(merge.merge(null, "[\"x\"]", "[\"y\",\"x\"]")).isEqualTo("[\"y\",\"x\"]");
  }

  @Test
  void valuesThatAreNotListsKeepTheLocalValue() {
    assertThat(merge.merge("a", "mine", "[\"x\"]")).isEqualTo("mine");
    assertThat(merge.merge(null, "[1,2]", "[\"x\"]")).isEqualTo("[1,2]");
  }

  @Test
  void aRemoteDeletionMeetsLocalAdditionsOnly() {
    assertThat(merge.merge("[\"a\"]", "[\"a\",\"b\"]", null)).isEqualTo("[\"b\"]");
  }
}
