job "catalog" {
  group "catalog" {
    network {
      port "http" {
        to = 8000
      }
      port "db" {
        to = 3306
      }
    }

    service {
      name = "catalog"
      port = "http"
      tags = [
        "urlprefix-catalog.example.com/",
        "urlprefix-catalog.example.com/search",
        "urlprefix-/catalog strip=/catalog",
        "urlprefix-shop.example.com:9999/items proto=https tlsskipverify=true",
      ]
    }

    service {
      name = "catalog-db"
      port = "db"
      tags = ["urlprefix-:3306 proto=tcp"]
    }

    task "catalog" {
      driver = "docker"

      config {
        image = "example/catalog:2.3"
        ports = ["http", "db"]
      }
    }
  }
}
