print("bach")
