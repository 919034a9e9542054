job "dispatcher" {
  type = "batch"
  parameterized {
    payload = "required"
  }
  group "g" {
    task "t" {
      driver = "docker"
      dispatch_payload {
        file = "input.json"
      }
      config {
        image = "alpine:3"
      }
    }
  }
}
