# A customer's PIN is imported by the customer ID. The PIN itself is never
# read into state: the first plan after the import shows one in-place update.
terraform import dealpos_customer_pin.shared_counter 2ce78ff3-a07d-4205-ba93-1a9d22172985
