environment = "prod"
create_msk  = true
node_count  = { desired = 4, min = 3, max = 12 }
