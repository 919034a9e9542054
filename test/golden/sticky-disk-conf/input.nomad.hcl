# A key-value store told by its rendered config to write under /alloc/data, on a sticky disk.
job "kv" {
  group "kv" {
    ephemeral_disk {
      size   = 300
      sticky = true
    }

    task "valkey" {
      driver = "docker"

      config {
        image   = "valkey/valkey:8.0"
        command = "valkey-server"
        args    = ["/local/valkey.conf"]
      }

      template {
        destination = "local/valkey.conf"
        data        = <<EOH
dir /alloc/data
appendonly yes
EOH
      }
    }
  }
}
