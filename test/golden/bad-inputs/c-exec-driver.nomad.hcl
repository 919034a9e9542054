job "legacy" {
  group "g" {
    task "t" {
      driver = "exec"
      config {
        command = "/usr/local/bin/legacy"
      }
    }
  }
}
