# A DNS zone file named *.db is not an SQLite database: no Litestream, no volume at "/".
job "dns" {
  group "dns" {
    network {
      port "dns" {
        static = 53
      }
    }

    task "coredns" {
      driver = "docker"

      config {
        image   = "coredns/coredns:1.11.1"
        args    = ["-conf", "/local/Corefile"]
        ports   = ["dns"]
        volumes = ["/srv/dns/zones:/zones"]
      }

      template {
        data        = <<EOF
example.com {
  file /zones/example.com.db
}
EOF
        destination = "local/Corefile"
      }
    }
  }
}
