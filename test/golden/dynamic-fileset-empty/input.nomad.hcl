job "sieve" {
  group "sieve" {
    network {
      port "http" {
        to = 9000
      }
    }

    service {
      name = "sieve"
      port = "http"
    }

    task "sieve" {
      driver = "docker"

      config {
        image = "example/sieve:3"
        ports = ["http"]
      }

      dynamic "template" {
        for_each = fileset(".", "rules/*.conf")
        content {
          data        = file(template.value)
          destination = "local/rules/${basename(template.value)}"
        }
      }
    }
  }
}
