package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void kebabCase() {
    assertThat(Names.kebab("IdentityPoolId")).isEqualTo("identity-pool-id");
    assertThat(Names.kebab("UpdateRecords")).isEqualTo("update-records");
    assertThat(Names.kebab("DescribeIdentityPoolUsage")).isEqualTo("describe-identity-pool-usage");
    assertThat(Names.kebab("SNSTopicArn")).isEqualTo("sns-topic-arn");
    assertThat(Names.kebab("Events")).isEqualTo("events");
  }

  @Test
  void lowerCamelCase() {
    assertThat(Names.lowerCamel("RecordPatches")).isEqualTo("recordPatches");
    assertThat(Names.lowerCamel("Op")).isEqualTo("op");
  }
}
